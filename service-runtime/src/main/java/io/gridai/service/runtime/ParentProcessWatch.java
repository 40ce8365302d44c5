package io.gridai.service.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * When started by {@code ./gridai up}, the service exits as soon as the launcher's process is gone (even if it
 * was killed and could not stop its children), so that no orphan keeps the port: {@code gridai.parent-pid}.
 */
@ApplicationScoped
public class ParentProcessWatch {

    private static final Logger LOG = Logger.getLogger(ParentProcessWatch.class);

    void watch(@Observes StartupEvent event, @ConfigProperty(name = "gridai.parent-pid") Optional<Long> parentPid) {
        parentPid.ifPresent(pid -> {
            Optional<ProcessHandle> parent = ProcessHandle.of(pid);
            if (parent.isEmpty()) {
                LOG.errorf("parent process gone pid=%d; exiting", pid);
                Quarkus.asyncExit(1);
                return;
            }
            parent.get().onExit().thenRun(() -> {
                LOG.warnf("parent process ended pid=%d; stopping", pid);
                Quarkus.asyncExit(0);
            });
        });
    }
}
