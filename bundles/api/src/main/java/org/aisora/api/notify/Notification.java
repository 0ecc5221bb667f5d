package org.aisora.api.notify;

/** One message to one recipient. */
public record Notification(String to, String subject, String body) {
}
