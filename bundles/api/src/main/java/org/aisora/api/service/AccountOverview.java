package org.aisora.api.service;

/** An account for operators: its profile with the number of its generation jobs and media items. */
public record AccountOverview(ProfileView profile, long jobs, long media) {
}
