package io.github.dbtcloud.core.resource.job;

import io.github.dbtcloud.core.identity.Marker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A project's jobs as dbt Cloud lists them, sorted once by marker: the jobs this file manages (its
 * namespace's markers) by key, the others, and the markers more than one job carries.
 *
 * @param all every active job of the project
 * @param managed the file's jobs by key, in listing order (the first of duplicates); a job without
 *     this namespace's marker whose id the file gives ({@code id:}) is the file's too: adopted by
 *     id
 * @param markers the marker each managed job carries, by key
 * @param unmanaged jobs without a marker of this namespace
 * @param duplicates markers carried by several jobs: the marker's text and the jobs' ids
 */
public record JobSnapshot(
    List<Job> all,
    Map<String, Job> managed,
    Map<String, Marker> markers,
    List<Job> unmanaged,
    Map<String, List<Long>> duplicates) {

  public JobSnapshot {
    all = List.copyOf(all);
    managed = Collections.unmodifiableMap(new LinkedHashMap<>(managed));
    markers = Collections.unmodifiableMap(new LinkedHashMap<>(markers));
    unmanaged = List.copyOf(unmanaged);
    duplicates = Collections.unmodifiableMap(new LinkedHashMap<>(duplicates));
  }

  /** Sorts a listing by the markers of one namespace. */
  public static JobSnapshot of(List<Job> jobs, String namespace) {
    return of(jobs, namespace, Map.of());
  }

  /**
   * Sorts a listing by the markers of one namespace, then adopts the jobs the file names by id
   * ({@code keysById}: the file's job keys by the id they give) that carry no such marker. A key
   * already matched by its marker keeps that job.
   */
  public static JobSnapshot of(List<Job> jobs, String namespace, Map<Long, String> keysById) {
    Map<String, Job> managed = new LinkedHashMap<>();
    Map<String, Marker> markers = new LinkedHashMap<>();
    List<Job> unmanaged = new ArrayList<>();
    Map<String, List<Long>> duplicates = new LinkedHashMap<>();
    for (Job job : jobs) {
      Marker marker = job.marker().orElse(null);
      if (marker == null || !Objects.equals(marker.namespace(), namespace)) {
        unmanaged.add(job);
        continue;
      }
      Job first = managed.putIfAbsent(marker.key(), job);
      if (first == null) {
        markers.put(marker.key(), marker);
      } else {
        String text = marker.withFingerprint(null).withProtect(false).text();
        duplicates.computeIfAbsent(text, t -> new ArrayList<>(List.of(first.id()))).add(job.id());
      }
    }
    if (!keysById.isEmpty()) {
      for (Job job : List.copyOf(unmanaged)) {
        String key = keysById.get(job.id());
        if (key != null && !managed.containsKey(key)) {
          managed.put(key, job);
          unmanaged.remove(job);
        }
      }
    }
    return new JobSnapshot(jobs, managed, markers, unmanaged, duplicates);
  }

  /** Whether the file's job of this key was found by its id, not by this namespace's marker. */
  public boolean adoptedById(String key) {
    return managed.containsKey(key) && !markers.containsKey(key);
  }
}
