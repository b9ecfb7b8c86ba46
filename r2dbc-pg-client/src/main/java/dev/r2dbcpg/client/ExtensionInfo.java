package dev.r2dbcpg.client;

/**
 * An extension installed in the current database, from {@code pg_extension}.
 *
 * @param name the extension's name
 * @param version the installed version
 * @param schema the schema its objects live in
 */
public record ExtensionInfo(String name, String version, String schema) {
}
