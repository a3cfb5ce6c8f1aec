package io.github.dbtcloud.core.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads one file into a YAML node tree, safely: SnakeYAML's composer only, nothing constructed (so
 * every node keeps its line and column and no tag can instantiate a class), and limits that refuse
 * a YAML bomb or a huge file before they cost time or memory.
 */
final class YamlSource {

  /** Largest file accepted; a desired state is a few hundred KB at most. */
  static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

  /** Aliases of collections allowed in one file; a "billion laughs" needs far more. */
  static final int MAX_ALIASES = 50;

  /** Deepest nesting accepted; the format itself needs 7 levels. */
  static final int MAX_NESTING = 40;

  /**
   * Nodes the document may hold once every alias is expanded (scalars included): the largest real
   * desired states hold a few tens of thousands.
   */
  static final long MAX_EXPANDED_NODES = 2_000_000;

  /**
   * Characters of scalars the document may hold once every alias is expanded: four times the
   * largest file, so only repetition through aliases reaches it.
   */
  static final long MAX_EXPANDED_CHARS = 4 * MAX_FILE_BYTES;

  /** Longest single value (a description, a step list entry); far beyond any real one. */
  static final int MAX_SCALAR_CHARS = 1024 * 1024;

  private YamlSource() {}

  /**
   * The document's root node, or null with the reason in {@code problems}. The bytes parsed also go
   * into {@code digest}, so that the state's hash is of exactly what was read.
   */
  static Node compose(Path file, Problems problems, MessageDigest digest) {
    return compose(file, problems, digest, Templates.of(java.util.Map.of()));
  }

  /** The same, rendering a Jinja-templated file first from the build's vars files. */
  static Node compose(Path file, Problems problems, MessageDigest digest, Templates templates) {
    SourcePosition start = new SourcePosition(file, 0, 0);
    byte[] bytes = null;
    try {
      if (Files.isDirectory(file)) {
        problems.add(
            start, "", "is a directory, not a file; point dbt.file at the YAML file inside it");
        return null;
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        problems.add(
            start,
            "",
            "the file is "
                + size
                + " bytes; the limit is "
                + MAX_FILE_BYTES
                + " bytes (a desired state is far smaller: split it into several files with dbt.files)");
        return null;
      }
      bytes = Files.readAllBytes(file);
      digest.update(bytes);
      CharsetDecoder utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      SourcePosition longLine = longLine(file, bytes);
      if (longLine != null) {
        problems.add(
            longLine,
            "",
            "a line of more than "
                + MAX_SCALAR_CHARS
                + " characters; no dbt Cloud field holds that much (a value that long is"
                + " refused before it is read)");
        return null;
      }
      if (mayExpand(bytes)) {
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(bytes), utf8)) {
          Expansion.Problem tooMuch = Expansion.check(reader, options());
          if (tooMuch != null) {
            problems.add(
                new SourcePosition(file, tooMuch.line(), tooMuch.column()), "", tooMuch.message());
            return null;
          }
        }
      }
      // Decoded once, refusing bytes that are not UTF-8, then parsed from the text.
      String text = utf8.decode(ByteBuffer.wrap(bytes)).toString();
      if (Templates.isTemplate(text)) {
        text = templates.render(file, text, problems);
        if (text == null) {
          return null;
        }
      }
      try (Reader source = new StringReader(text)) {
        YamlSlim.Slim slim = YamlSlim.direct(parser(source), new YamlResolver());
        if (slim == null) {
          slim = YamlSlim.slim(composer(new StringReader(text)).getSingleNode());
        }
        Node node = slim.root();
        ScalarNode tooLong = slim.tooLong();
        if (tooLong != null) {
          Mark mark = tooLong.getStartMark();
          problems.add(
              new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1),
              "",
              Expansion.tooLong(tooLong.getValue().length()));
          return null;
        }
        if (node == null) {
          problems.add(start, "", "the file is empty; start it with 'version: 1'");
        }
        return node;
      }
    } catch (NoSuchFileException e) {
      problems.add(start, "", "file not found; create it or point dbt.file at it");
    } catch (MarkedYAMLException e) {
      problems.add(at(file, e), "", "not valid YAML: " + describe(e));
    } catch (ReaderException e) {
      problems.add(
          start,
          "",
          "not valid YAML: character "
              + String.format("U+%04X", e.getCodePoint())
              + " at offset "
              + e.getPosition()
              + " is not allowed in YAML; remove it");
    } catch (YAMLException e) {
      Expansion.Problem located = locate(bytes);
      if (located != null) {
        problems.add(
            new SourcePosition(file, located.line(), located.column()), "", located.message());
      } else {
        problems.add(start, "", yamlLimit(e));
      }
    } catch (CharacterCodingException e) {
      problems.add(start, "", "the file is not UTF-8 text; save it as UTF-8");
    } catch (IOException | RuntimeException e) {
      problems.add(start, "", "cannot read the file: " + e.getMessage());
    } catch (StackOverflowError e) {
      problems.add(
          start, "", "the file nests too deeply to read; the format needs at most 7 levels");
    }
    return null;
  }

  /**
   * Whether the bytes may hold what {@link Expansion} bounds: an anchor, which every alias needs.
   * Without one the tree is no larger than the file, so a large file of plain values (10,000 jobs
   * is 1.4 MB) is parsed once, and its values' lengths are checked while its tree is built ({@link
   * YamlSlim#direct}).
   */
  private static boolean mayExpand(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '&') {
        return true;
      }
    }
    return false;
  }

  /** The line of the first line longer than any value may be, or null. */
  private static SourcePosition longLine(Path file, byte[] bytes) {
    int line = 1;
    int from = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        if (i - from > MAX_SCALAR_CHARS) {
          return new SourcePosition(file, line, 1);
        }
        line++;
        from = i + 1;
      }
    }
    return null;
  }

  /** Where a limit the composer hit without a position (nesting, aliases) was crossed. */
  private static Expansion.Problem locate(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try (Reader reader =
        new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      return Expansion.check(reader, options());
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /** What {@code new Yaml(...).compose(source)} uses, with the faster resolver. */
  private static Composer composer(Reader source) {
    return new Composer(parser(source), new YamlResolver(), options());
  }

  private static ParserImpl parser(Reader source) {
    return new ParserImpl(new StreamReader(source), options());
  }

  static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(
        true); // reported by YamlCursor with both lines, rather than thrown
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit((int) MAX_FILE_BYTES);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  private static SourcePosition at(Path file, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    return mark == null
        ? new SourcePosition(file, 0, 0)
        : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    if (context.contains("single document")) {
      return "a second YAML document (---) starts here; keep one document per file (use dbt.files for several)";
    }
    if (problem.startsWith("Global tag is not allowed")) {
      return "the tag !!"
          + problem.substring(problem.lastIndexOf(':') + 1)
          + " is not allowed; the file holds"
          + " plain values only";
    }
    if (problem.startsWith("expected <block end>")) {
      return "this line is indented differently from the lines above it; check the spaces at its start";
    }
    if (problem.contains("mapping values are not allowed here")) {
      return "a ': ' where YAML does not expect one; quote the value if it contains ': '";
    }
    if (problem.contains("(TAB)")) {
      return "a tab; YAML indents with spaces only";
    }
    if (problem.contains("could not find expected ':'")) {
      return "a key without ':' after it, or a quote that is never closed";
    }
    if (problem.contains("found duplicate anchor") || problem.contains("found undefined alias")) {
      return problem.replace(
          "found undefined alias", "an alias (*name) refers to no anchor (&name):");
    }
    if (!context.isEmpty() && !problem.isEmpty()) {
      return problem + " (" + context + ")";
    }
    return problem.isEmpty() ? context : problem;
  }

  private static String yamlLimit(YAMLException e) {
    String message = String.valueOf(e.getMessage());
    if (e.getCause() instanceof CharacterCodingException) {
      return "the file is not UTF-8 text; save it as UTF-8";
    }
    if (message.contains("exceeds the limit")) {
      return "the file is larger than "
          + MAX_FILE_BYTES
          + " characters; split it into several files with dbt.files";
    }
    if (message.contains("Number of aliases")) {
      return "not valid YAML: more than "
          + MAX_ALIASES
          + " aliases (*name) of lists or mappings; a desired"
          + " state needs far fewer (this limit stops YAML bombs)";
    }
    if (message.contains("Nesting Depth")) {
      return "not valid YAML: nested more than "
          + MAX_NESTING
          + " levels deep; the format needs at most 7";
    }
    return "not valid YAML: " + message;
  }
}
