/**
 * The plan: the {@code Planner}, the {@code Plan} value, the kinds in apply order, {@code
 * plan.json} (and whether a saved plan is stale), the renderers, and the brake.
 *
 * <p>May use: {@code core.resource} and its units ({@code core.resource.environment}, {@code
 * core.resource.variable}, {@code core.resource.job}), {@code core.remote}, {@code core.api},
 * {@code core.config}, {@code core.identity}, {@code core}.
 */
package io.github.dbtcloud.core.plan;
