package dev.featurestore.monitoring.domain.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Looks up the addresses of a host name (the system resolver; tests put their own answers in). */
public interface HostResolver {
    /** Every address of the name, never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
