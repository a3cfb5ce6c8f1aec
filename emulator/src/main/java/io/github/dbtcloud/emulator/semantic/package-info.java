/**
 * The Semantic Layer GraphQL API ({@code POST /api/graphql}): the schema, each environment's
 * metrics and saved queries, query compilation and the polled query runs, and the Java-side {@link
 * io.github.dbtcloud.emulator.semantic.SemanticLayerControl}. May use {@code http} and {@code
 * state} (and graphql-java); it checks tokens itself, as the Semantic Layer answers with GraphQL
 * errors rather than the Admin API's envelope.
 */
package io.github.dbtcloud.emulator.semantic;
