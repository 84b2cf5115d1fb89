package dev.forecourt.cli.load;

import dev.forecourt.edge.role.ingress.IngressRole;
import dev.forecourt.edge.role.distribution.DistributionRole;

import dev.forecourt.edge.config.AccessLogConfig;
import dev.forecourt.edge.config.Config;
import dev.forecourt.edge.role.Role;
import dev.forecourt.edge.role.Roles;
import dev.forecourt.edge.role.distribution.DistributionConfig;
import dev.forecourt.edge.role.ingress.InstanceConfig;
import dev.forecourt.edge.role.ingress.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directories the file names exist where the processes will look: an IIIF app's images, a cache disk tier's
 * parent (the tier makes its own directory, not a mistyped path to it), an access log's directory; a JWT authorizer's
 * key set file, read and parsed. Certificate and CA files are read by {@link CertificateCheck}.
 */
final class PathCheck {
    private PathCheck() {}

    static void check(Config c, Findings f) {
        for (ServiceConfig s : IngressRole.ROLE.of(c).services().values()) {
            for (int i = 0; i < s.instances().size(); i++) {
                if (s.instances().get(i) instanceof InstanceConfig.App app && app.kind().equals("iiif")
                        && app.settings().get("images") != null) {
                    // as the app opens it: a relative path was made relative to the file's directory when read
                    String path = "services." + s.name() + (f.has("services." + s.name() + ".instances[" + i + "]")
                            ? ".instances[" + i + "]" : "") + ".app.iiif.images";
                    Path images = Path.of(app.settings().get("images")).toAbsolutePath().normalize();
                    if (!Files.isDirectory(images)) {
                        f.error(path, "directory " + images + (Files.exists(images) ? " is not a directory"
                                : " does not exist") + ": the IIIF app would have no images to serve. Fix: the"
                                + " directory of the images (a relative path is read from the file's directory)");
                    } else if (!Files.isReadable(images) || !Files.isExecutable(images)) {
                        f.error(path, "directory " + images + " can't be read by this user. Fix: let it read and"
                                + " list the directory (chmod a+rx)");
                    }
                }
            }
        }
        for (Role<?> role : Roles.ALL) { // every role's access logs
            accessLogs(role, c).forEach((key, log) -> accessLog(f, key + ".path", log));
        }
        for (var api : dev.forecourt.edge.role.api.ApiRole.ROLE.of(c).apis().values()) {
            for (var a : api.authorizers().values()) {
                String problem = a.jwksFile() == null ? null : dev.forecourt.edge.auth.JwksFile.problem(a.jwksFile());
                if (problem != null) {
                    f.error("apis." + api.name() + ".authorizers." + a.name() + ".jwksFile", problem);
                }
            }
        }
        for (DistributionConfig d : DistributionRole.ROLE.of(c).distributions().values()) {
            String path = "distributions." + d.name();
            Path disk = d.cache().diskPath();
            if (disk != null && !kernel(f, path + ".cache.disk.path", disk, "a cache")) {
                if (Files.exists(disk) && !Files.isDirectory(disk)) {
                    f.error(path + ".cache.disk.path", disk + " is a file; the disk tier needs a directory. Fix: a"
                            + " directory's path (it is made if its parent exists)");
                } else if (!Files.exists(disk)) {
                    writableParent(f, path + ".cache.disk.path", disk, "the cache's directory");
                } else if (!Files.isWritable(disk)) {
                    f.error(path + ".cache.disk.path", "directory " + disk + " can't be written by this user. Fix:"
                            + " let it write there (chown or chmod u+w), or another directory");
                }
            }
        }
    }

    private static <C> java.util.Map<String, AccessLogConfig> accessLogs(Role<C> role, Config c) {
        return role.accessLogs(role.of(c));
    }

    private static void accessLog(Findings f, String path, AccessLogConfig log) {
        if (!log.enabled() || log.path().equals("stdout")) return;
        Path file = Path.of(log.path());
        if (kernel(f, path, file, "an access log")) {
            return;
        }
        if (Files.isDirectory(file)) {
            f.error(path, file + " is a directory; the access log is a file. Fix: a file's path, e.g. "
                    + file.resolve("access.log"));
        } else if (Files.exists(file) && !Files.isWritable(file)) {
            f.error(path, file + " can't be written by this user. Fix: let it write (chmod u+w), or another file");
        } else if (!Files.exists(file)) {
            writableParent(f, path, file, "the log file");
        }
    }

    /**
     * Whether {@code p} is under /proc or /sys (an error then): their files are the kernel's switches, which a root
     * process may write by their mode bits (a line written to /proc/sysrq-trigger can reboot the machine).
     */
    private static boolean kernel(Findings f, String path, Path p, String what) {
        Path abs = p.toAbsolutePath().normalize();
        for (String root : new String[] {"/proc", "/sys"}) {
            if (abs.startsWith(root)) {
                f.error(path, abs + " is under " + root + ", where the kernel's own files are, not " + what
                        + "'s. Fix: a path under a directory of your own, e.g. /var/log/forecourt or /var/cache/forecourt");
                return true;
            }
        }
        return false;
    }

    private static void writableParent(Findings f, String path, Path p, String what) {
        Path parent = p.toAbsolutePath().getParent();
        if (parent == null) return;
        if (!Files.isDirectory(parent)) {
            f.error(path, "directory " + parent + " does not exist, so " + what + " " + p + " can't be made there."
                    + " Fix: create it (mkdir -p " + parent + "), or correct the path");
        } else if (!Files.isWritable(parent)) {
            f.error(path, "directory " + parent + " can't be written by this user, so " + what + " " + p
                    + " can't be made there. Fix: let it write there, or another directory");
        }
    }
}
