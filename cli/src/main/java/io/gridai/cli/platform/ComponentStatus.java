package io.gridai.cli.platform;

import java.util.List;

/**
 * One line of `gridai status` (and one entry of its {@code --json}).
 *
 * @param name   component name
 * @param health {@link Health#UP} only when the component answers and is fit for work
 * @param urls   where to reach it
 * @param pid    its process id, if it has its own process
 * @param detail what was found, in words (why it is not UP, or what it serves)
 */
public record ComponentStatus(String name, Health health, List<String> urls, Long pid, String detail) {

    public ComponentStatus {
        urls = List.copyOf(urls);
    }
}
