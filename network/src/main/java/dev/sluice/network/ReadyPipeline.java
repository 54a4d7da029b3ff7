package dev.sluice.network;

import dev.sluice.network.config.TransportConfig;
import dev.sluice.network.protocol.FrameDecoder;
import dev.sluice.network.protocol.FrameEncoder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * The handlers of a ready connection, appended after TLS and (once it succeeded) authentication:
 * frame decoder, frame encoder, the chunked writer of streams, and the side's dispatcher.
 */
final class ReadyPipeline {

    static final String TLS = "tls";
    static final String AUTHENTICATION = "authentication";
    static final String FRAME_DECODER = "frameDecoder";
    static final String FRAME_ENCODER = "frameEncoder";
    static final String STREAM_WRITER = "streamWriter";
    static final String DISPATCHER = "dispatcher";

    private ReadyPipeline() {
    }

    static void install(ChannelPipeline pipeline, TransportConfig config, FrameEncoder encoder,
                        ChannelHandler dispatcher) {
        pipeline.addLast(FRAME_DECODER, new FrameDecoder(config.maxFrameBytes()));
        pipeline.addLast(FRAME_ENCODER, encoder);
        pipeline.addLast(STREAM_WRITER, new ChunkedWriteHandler());
        pipeline.addLast(DISPATCHER, dispatcher);
    }
}
