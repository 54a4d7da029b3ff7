package dev.sluice.deploy;

import dev.sluice.deploy.DeployMessages.Ack;
import dev.sluice.deploy.DeployMessages.Kill;
import dev.sluice.deploy.DeployMessages.KillDriver;
import dev.sluice.deploy.DeployMessages.RequestWebUi;
import dev.sluice.deploy.DeployMessages.WebUi;
import dev.sluice.network.message.UnexpectedMessageException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageRoutesTest {
    private final List<Object> accepted = new ArrayList<>();
    private final MessageRoutes routes = MessageRoutes.of("The master")
            .answer(Kill.class, kill -> CompletableFuture.completedFuture(new Ack("killed " + kill.id())))
            .answer(RequestWebUi.class, request -> CompletableFuture.completedFuture(new WebUi(8080)))
            .accept(KillDriver.class, accepted::add)
            .build();

    @Test
    void eachMessageGoesToTheHandlerOfItsType() {
        assertThat(routes.onRequest(null, new Kill("app-1")).join()).isEqualTo(new Ack("killed app-1"));
        assertThat(routes.onRequest(null, new RequestWebUi()).join()).isEqualTo(new WebUi(8080));
        routes.onMessage(null, new KillDriver("driver-1"));
        assertThat(accepted).containsExactly(new KillDriver("driver-1"));
    }

    @Test
    void aMessageWithoutARouteIsRefusedNamingTheEndpoint() {
        assertThatThrownBy(() -> routes.onRequest(null, new KillDriver("driver-1")))
                .isInstanceOf(UnexpectedMessageException.class).hasMessage("The master does not answer KillDriver");
        assertThatThrownBy(() -> routes.onMessage(null, new Kill("app-1")))
                .isInstanceOf(UnexpectedMessageException.class).hasMessage("The master does not accept Kill");
        assertThat(accepted).isEmpty();
    }

    @Test
    void aTypeIsRoutedOnce() {
        MessageRoutes.Builder builder = MessageRoutes.of("A worker").accept(Kill.class, kill -> { });
        assertThatThrownBy(() -> builder.answer(Kill.class, kill -> CompletableFuture.completedFuture(null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Kill is routed already");
    }
}
