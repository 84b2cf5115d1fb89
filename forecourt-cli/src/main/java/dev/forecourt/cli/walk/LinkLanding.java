package dev.forecourt.cli.walk;

import dev.forecourt.edge.config.TlsConfig;
import dev.forecourt.edge.role.Listening;
import dev.forecourt.edge.role.link.LinkConfig;

/** A link's listener: TCP, bytes untouched, so the walk looks through it to its targets ({@link Topology#reached}). */
record LinkLanding(Listening listening, LinkConfig link) implements Landing {
    @Override
    public TlsConfig tls() {
        return null;
    }
}
