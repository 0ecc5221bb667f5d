package org.aisora.api.service;

/** Why a job did not succeed. */
public record ErrorView(String code, String message) {
}
