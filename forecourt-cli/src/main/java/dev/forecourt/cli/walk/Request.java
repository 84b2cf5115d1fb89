package dev.forecourt.cli.walk;

import java.util.List;

/** What a hop sends on, as far as the file tells: the Host values it may carry (null: not known) and its paths. */
record Request(List<String> hosts, PathStart path) {}
