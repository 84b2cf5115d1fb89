package dev.forecourt.cli.walk;

import java.util.List;

/** One kind of thing that goes wrong between two hops, judged for one connection at the listener it reaches. */
interface Finding {
    /** Each "KEY: what will happen. Fix: what to write"; none when this connection is fine in this respect. */
    List<String> judge(Edge e, Reached r, Topology t);
}
