package org.aisora.api.service;

import java.time.Instant;

/** A policy version the caller accepted, and when. */
public record PolicyAcceptanceView(String version, Instant acceptedAt) {
}
