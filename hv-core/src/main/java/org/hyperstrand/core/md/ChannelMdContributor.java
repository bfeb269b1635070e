package org.hyperstrand.core.md;

import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Adds a domain's channel endpoints to its MD (sun4v API reference section 8.3), below
 * virtual-devices:
 *
 * <pre>
 * channel-devices {cfg-handle} ─fwd→ virtual-device-port {id, name} ─fwd→ channel-endpoint {id, tx-ino, rx-ino}
 *                              ─fwd→ domain-services ─fwd→ domain-services-port {id} ─fwd→ channel-endpoint
 * </pre>
 *
 * The cfg-handle is the devhandle of the endpoints' inos in the vintr calls. A domain without
 * channels gets none of these nodes.
 */
public final class ChannelMdContributor implements DomainMdContributor {

    static final String CHANNEL_DEVICES_COMPATIBLE = "SUNW,sun4v-channel-devices";

    private final long cfgHandle;
    private final Supplier<List<ChannelSpec>> channels;

    public ChannelMdContributor(long cfgHandle, Supplier<List<ChannelSpec>> channels) {
        this.cfgHandle = cfgHandle;
        this.channels = channels;
    }

    @Override
    public void contribute(Context context) {
        List<ChannelSpec> all = channels.get().stream().sorted(Comparator.comparingLong(ChannelSpec::id)).toList();
        if (all.isEmpty()) {
            return;
        }
        MdBuilder md = context.builder();
        MdBuilder.Node devices = md.node("channel-devices")
                .string("name", "channel-devices")
                .strings("compatible", CHANNEL_DEVICES_COMPATIBLE)
                .value("cfg-handle", cfgHandle);
        context.virtualDevices().link(devices);
        MdBuilder.Node services = null;
        for (ChannelSpec c : all) {
            MdBuilder.Node port;
            if (c.port() == ChannelSpec.Port.VIRTUAL_DEVICE) {
                port = md.node("virtual-device-port").value("id", c.id()).string("name", c.name());
                devices.link(port);
            } else {
                if (services == null) {
                    services = md.node("domain-services");
                    devices.link(services);
                }
                port = md.node("domain-services-port").value("id", c.id());
                services.link(port);
            }
            MdBuilder.Node endpoint = md.node("channel-endpoint")
                    .value("id", c.id())
                    .value("tx-ino", c.txIno())
                    .value("rx-ino", c.rxIno());
            port.link(endpoint);
        }
    }
}
