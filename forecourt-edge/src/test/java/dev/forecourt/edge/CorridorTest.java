package dev.forecourt.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forecourt.edge.role.ingress.Ingress;
import dev.forecourt.edge.route.Router;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorridorTest {
    @Test
    void aCorridorListsItsRoomsInTheOrderARequestMeetsThem() {
        Corridor listener = Ingress.listener("envoy", List.of(), new Router(List.of(), "a test listener"));
        assertThat(listener.rooms()).containsExactly("hop-stamp", "errors", "forwarded-trust", "trace-context", "router");
    }

    @Test
    void aMissingRoomIsNamedByItsPlace() {
        assertThatThrownBy(() -> Corridor.of(java.util.Arrays.asList(new dev.forecourt.edge.stage.HopByHopHeaders(), null),
                x -> null)).hasMessage("stage 1 of the corridor is null");
    }
}
