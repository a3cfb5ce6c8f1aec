/**
 * The dbt Cloud emulator's entry points: {@link io.github.dbtcloud.emulator.DbtCloudEmulator} (the
 * builder tests and the plugin start it with) and {@link io.github.dbtcloud.emulator.Main} (the
 * standalone jar). This package wires the feature packages together and may use all of them; they
 * never use it. Like the rest of the emulator it shares no classes with the plugin's core.
 */
package io.github.dbtcloud.emulator;
