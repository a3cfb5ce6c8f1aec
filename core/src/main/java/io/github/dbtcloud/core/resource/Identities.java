package io.github.dbtcloud.core.resource;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every object of the file found in dbt Cloud, by address, and back from an id to its address: how
 * a reference by key becomes an id (or waits for a create), and how an id in dbt Cloud is shown as
 * the object of the file it is.
 */
public final class Identities {

  private final Map<ResourceAddress, Identity> byAddress;
  private final Map<String, Map<Long, ResourceAddress>> byId = new HashMap<>();

  /**
   * @param byAddress the objects found, by address
   */
  public Identities(Map<ResourceAddress, Identity> byAddress) {
    this.byAddress = Collections.unmodifiableMap(new LinkedHashMap<>(byAddress));
    byAddress.forEach(
        (address, identity) -> {
          if (identity.id() != null) {
            byId.computeIfAbsent(address.kind().name(), k -> new HashMap<>())
                .put(identity.id(), address);
          }
        });
  }

  /** The object at this address, or null when dbt Cloud does not have it (yet). */
  public Identity of(ResourceAddress address) {
    return byAddress.get(address);
  }

  /** The id at this address, or null when dbt Cloud does not have it (yet). */
  public Long idOf(ResourceAddress address) {
    Identity identity = byAddress.get(address);
    return identity == null ? null : identity.id();
  }

  /** The file's object that has this id in dbt Cloud, or null when the file has none. */
  public ResourceAddress addressOf(ResourceKind<?> kind, Object id) {
    if (!(id instanceof Number n)) {
      return null;
    }
    return byId.getOrDefault(kind.name(), Map.of()).get(n.longValue());
  }

  /** How many objects of a kind the file has in dbt Cloud in a scope (null: account). */
  public int count(ResourceKind<?> kind, String project) {
    return (int)
        byAddress.keySet().stream()
            .filter(a -> a.kind().equals(kind) && java.util.Objects.equals(a.project(), project))
            .count();
  }

  /** A reference by key: the id when the object exists, or the object to wait for. */
  public Ref ref(ResourceAddress target) {
    return new Ref(idOf(target), target);
  }

  /**
   * A resolved reference: an id, or the object whose id is not known yet.
   *
   * @param id the id, or null while pending
   * @param target the referenced object
   */
  public record Ref(Long id, ResourceAddress target) {

    /** Whether the target is created in the same apply, so its id comes later. */
    public boolean pending() {
      return id == null;
    }
  }
}
