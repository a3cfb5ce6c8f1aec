/**
 * One class per Maven goal ({@code dbt:validate}, {@code dbt:plan}, {@code dbt:apply}, {@code
 * dbt:verify}, {@code dbt:check-metrics}, {@code dbt:unlock}) and what they share: the {@code
 * Build} the plugin describes, the {@code GoalContext} made once per goal, and the {@code Time}
 * goals tell and spend.
 *
 * <p>May use: every core package.
 */
package io.github.dbtcloud.core.goal;
