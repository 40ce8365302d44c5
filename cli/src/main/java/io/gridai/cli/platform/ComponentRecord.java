package io.gridai.cli.platform;

import java.util.List;
import java.util.Map;

/**
 * One running component as written to the run file by `gridai up`.
 *
 * @param name      stable component name, e.g. {@code kafka}
 * @param kind      how to probe its health: {@code kafka} (Admin API) or {@code process} (alive)
 * @param pid       operating-system process id, if it runs as its own process
 * @param urls      addresses to show users, e.g. {@code kafka://127.0.0.1:9092}
 * @param endpoints machine-readable addresses by role, e.g. {@code bootstrap.servers}
 */
public record ComponentRecord(String name, String kind, Long pid, List<String> urls, Map<String, String> endpoints) {

    public ComponentRecord {
        urls = List.copyOf(urls);
        endpoints = Map.copyOf(endpoints);
    }
}
