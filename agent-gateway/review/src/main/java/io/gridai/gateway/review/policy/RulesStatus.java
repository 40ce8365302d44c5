package io.gridai.gateway.review.policy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the rules stand: the set in force and, when the file was changed into something that does not compile, why
 * (the set in force is then the last good one).
 *
 * @param file          the rules file
 * @param version       the version in force (the first 12 hex digits of the SHA-256 of its file's bytes)
 * @param loadedAt      when the version in force was compiled
 * @param rules         the names of the rules in force
 * @param rejectedError why the file's current content was not taken; empty when it is the version in force
 * @param reloads       how many times a new version was taken since the first load
 */
public record RulesStatus(Path file, String version, Instant loadedAt, List<String> rules, Optional<String> rejectedError,
                          long reloads) {

    public RulesStatus {
        rules = List.copyOf(rules);
    }
}
