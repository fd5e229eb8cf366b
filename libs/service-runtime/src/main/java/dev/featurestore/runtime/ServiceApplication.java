package dev.featurestore.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/** Starts a service the same way for all five: configuration validated eagerly, so a bad property fails the start. */
public final class ServiceApplication {
    private ServiceApplication() {
    }

    public static ApplicationContext run(Class<?> applicationClass, String... args) {
        return Micronaut.build(args)
                .mainClass(applicationClass)
                .banner(false)
                .eagerInitConfiguration(true)
                .start();
    }
}
