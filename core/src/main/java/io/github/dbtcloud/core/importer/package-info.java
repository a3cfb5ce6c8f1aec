/**
 * {@code dbt:import}: reading a whole account (or some projects, or some environments) and writing
 * the desired-state file a person would write for it. Each resource kind exports its own objects
 * ({@link io.github.dbtcloud.core.resource.ResourceKind#export}); this package derives their keys,
 * assembles the document and writes it as YAML with comments saying where each object came from.
 */
package io.github.dbtcloud.core.importer;
