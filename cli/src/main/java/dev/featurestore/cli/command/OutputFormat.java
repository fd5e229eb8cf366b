package dev.featurestore.cli.command;

/** How a command prints what it read: for people, or one JSON document for scripts. */
public enum OutputFormat {
    TEXT, JSON
}
