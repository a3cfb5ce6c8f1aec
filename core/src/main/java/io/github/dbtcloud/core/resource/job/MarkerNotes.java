package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.identity.JobsAsCodeIdentifier;
import io.github.dbtcloud.core.identity.Marker;
import java.util.Objects;
import java.util.Optional;

/**
 * The one-line reason shown next to a job's name or description when its marker changes: the values
 * alone ({@code "Nightly [[nightly#ab12cd]]" -> "Nightly [[nightly]]"}) do not say why, and such a
 * change decides whether dbt-jobs-as-code still finds the job.
 */
final class MarkerNotes {

  private MarkerNotes() {}

  /**
   * Whether the only difference is a fingerprint the marker did not carry yet (written before
   * fingerprints existed): not a change by itself; the next real change writes it.
   */
  static boolean onlyGainsFingerprint(String before, String after) {
    Optional<Marker> was = Marker.find(before).filter(m -> m.fingerprint() == null);
    Optional<Marker> will = Marker.find(after).filter(m -> m.fingerprint() != null);
    if (was.isEmpty()
        || will.isEmpty()
        || !was.get().withFingerprint(will.get().fingerprint()).equals(will.get())) {
      return false;
    }
    return Marker.strip(before).strip().equals(Marker.strip(after).strip());
  }

  /** Whether the two differ only in their marker's fingerprint (same text, place and form). */
  static boolean onlyFingerprintDiffers(String before, String after) {
    Optional<Marker> was = Marker.find(before);
    Optional<Marker> will = Marker.find(after);
    // both carry one: a fingerprint dropped is a change of form (back to dbt-jobs-as-code's)
    return was.isPresent()
        && will.isPresent()
        && was.get().fingerprint() != null
        && will.get().fingerprint() != null
        && was.get().withFingerprint(null).equals(will.get().withFingerprint(null))
        && Marker.strip(before).strip().equals(Marker.strip(after).strip());
  }

  /** Why {@code before} becomes {@code after} in this field, when a marker is involved; or null. */
  static String why(String path, String before, String after) {
    Optional<Marker> was = Marker.find(before);
    Optional<Marker> will = Marker.find(after);
    boolean jacWas =
        JobsAsCodeIdentifier.in(before).filter(JobsAsCodeIdentifier::atEnd).isPresent();
    boolean jacWill =
        JobsAsCodeIdentifier.in(after).filter(JobsAsCodeIdentifier::atEnd).isPresent();
    String field = Job.NAME.equals(path) ? "name" : "description";
    String other = Job.NAME.equals(path) ? "description" : "name";
    if (was.isEmpty() && will.isEmpty()) {
      return null;
    }
    if (was.isEmpty()) {
      return jacWill
          ? "identifier written in dbt-jobs-as-code's form, so that both tools find the job"
          : "marker written in the " + field + " (it was in the " + other + " or missing)";
    }
    if (will.isEmpty()) {
      return Job.NAME.equals(path)
          ? "marker moves to the description"
          : "marker removed: the identifier in the name is the job's identity";
    }
    Marker a = was.get();
    Marker b = will.get();
    if (!jacWas && jacWill) {
      return "marker back in dbt-jobs-as-code's form "
          + JobsAsCodeIdentifier.in(after).orElseThrow().text()
          + ", so that dbt-jobs-as-code finds the job again";
    }
    if (!a.sameIdentity(b)) {
      return "marker now names " + b.withFingerprint(null).withProtect(false).text();
    }
    if (a.protect() != b.protect()) {
      return b.protect()
          ? "marker records that the job is protected"
          : "marker no longer records a protection";
    }
    if (!Objects.equals(a.fingerprint(), b.fingerprint())) {
      return a.fingerprint() == null
          ? "marker gains the fingerprint of the configuration applied now"
          : "marker fingerprint updated to the configuration applied now";
    }
    return null;
  }
}
