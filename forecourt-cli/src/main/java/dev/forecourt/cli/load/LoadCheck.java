package dev.forecourt.cli.load;

import dev.forecourt.edge.config.Lines;
import dev.forecourt.edge.config.Config;
import java.nio.file.Path;

/**
 * {@code check} loads a valid file for real, as {@code nginx -t} and {@code caddy validate} do: what reading it can't
 * tell, because it depends on this machine. Certificates and keys ({@link CertificateCheck}), files and
 * directories ({@link PathCheck}), listeners ({@link ListenerCheck}), names ({@link NameCheck}). Nothing is started.
 */
public final class LoadCheck {
    private LoadCheck() {}

    /** {@code bind}: try each listener's address (off when the file's own forecourt runs and holds them). */
    public static Findings run(Config c, Path file, Lines lines, boolean bind) {
        Findings f = new Findings(file, lines);
        CertificateCheck.check(c, f);
        PathCheck.check(c, f);
        ListenerCheck.check(c, f, bind);
        NameCheck.check(c, f);
        return f;
    }
}
