package io.github.dbtcloud.core.config;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads desired-state files into a {@link DesiredState}: safe YAML with limits, several files
 * merged, interpolation, the version-1 format or a dbt-jobs-as-code file, and every mistake
 * reported with file:line:column and the key path, all at once. The only exception it throws is
 * {@link InvalidDesiredStateException}; warnings come back in {@link DesiredState#warnings()}.
 */
public final class DesiredStateLoader {

  /** Largest file accepted; a desired state is a few hundred KB at most. */
  public static final long MAX_FILE_BYTES = YamlSource.MAX_FILE_BYTES;

  private final Map<String, String> environment;
  private final Map<String, String> properties;

  /**
   * @param environment variables for {@code ${env.NAME}}
   * @param properties build properties for {@code ${name}} (the mojo passes Maven's)
   */
  public DesiredStateLoader(Map<String, String> environment, Map<String, String> properties) {
    this.environment = Map.copyOf(environment);
    this.properties = Map.copyOf(properties);
  }

  /** Loads and validates one file. */
  public DesiredState load(Path file) {
    return load(List.of(file));
  }

  /** Loads the files (paths or globs) and validates them as one desired state. */
  public DesiredState load(DesiredFiles files) {
    Problems problems = new Problems();
    List<Path> paths = guard(problems, () -> files.resolve(problems));
    problems.throwIfAny();
    return load(paths);
  }

  /** Loads several files, merged in the given order, and validates them as one desired state. */
  public DesiredState load(List<Path> files) {
    Problems problems = new Problems();
    MessageDigest digest = sha256();
    DesiredState state = guard(problems, () -> read(files, problems, digest));
    problems.throwIfAny();
    return state.loaded(problems.warnings(), HexFormat.of().formatHex(digest.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private DesiredState read(List<Path> files, Problems problems, MessageDigest digest) {
    List<DocumentMerger.Document> documents = new ArrayList<>();
    if (files.isEmpty()) {
      problems.add(
          SourcePosition.NONE, "", "no desired-state file is given; set dbt.file or dbt.files");
    }
    for (Path file : files) {
      Node root = YamlSource.compose(file, problems, digest, Templates.of(properties));
      if (root != null) {
        documents.add(new DocumentMerger.Document(file, root));
      }
    }
    if (!problems.isEmpty() || documents.isEmpty()) {
      return null;
    }
    boolean jobsAsCode = JobsAsCodeReader.recognises(documents.get(0).root());
    for (DocumentMerger.Document d : documents) {
      if (JobsAsCodeReader.recognises(d.root()) != jobsAsCode) {
        problems.add(
            new SourcePosition(d.file(), 0, 0),
            "",
            "this file is in the "
                + (jobsAsCode ? "version-1" : "dbt-jobs-as-code")
                + " format but "
                + documents.get(0).file().getFileName()
                + " is in the "
                + (jobsAsCode ? "dbt-jobs-as-code" : "version-1")
                + " format; load them separately");
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    ReadContext context = new ReadContext(problems, new Interpolator(environment, properties));
    Node root =
        documents.size() == 1
            ? documents.get(0).root()
            : new DocumentMerger(context).merge(documents, jobsAsCode);
    YamlCursor top = new YamlCursor(root, documents.get(0).file(), "", context);
    return jobsAsCode
        ? new JobsAsCodeReader().read(top, files)
        : new StateReader().read(top, files);
  }

  /**
   * Turns a crash while reading into a problem, so that no input, however malformed, escapes as
   * anything but {@link InvalidDesiredStateException}; the message asks for a bug report.
   */
  private static <T> T guard(Problems problems, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (InvalidDesiredStateException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      problems.add(
          SourcePosition.NONE,
          "",
          "the file could not be read ("
              + e.getClass().getSimpleName()
              + "); this is a bug in the plugin, please report it with the file");
      return null;
    }
  }
}
