/**
 * The Admin API v2/v3 resources: accounts, projects, environments, jobs and environment variables,
 * each a class that registers its routes, validates writes as dbt Cloud does (strictly by default,
 * see {@link io.github.dbtcloud.emulator.admin.AdminSettings}) and answers in dbt Cloud's wire
 * format; plus the token checks ({@link io.github.dbtcloud.emulator.admin.Access}) and list paging
 * ({@link io.github.dbtcloud.emulator.admin.Lists}) other feature packages reuse. May use {@code
 * http} and {@code state} (and Jackson); never {@code runs}, {@code semantic} or {@code seed},
 * which build on it.
 */
package io.github.dbtcloud.emulator.admin;
