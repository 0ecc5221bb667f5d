package org.aisora.api.service;

/** A credit pack ({@code credits} > 0) or a plan subscription ({@code plan} set), with its price. */
public record ProductView(String id, String name, long credits, String plan, long amountMinor, String currency) {
}
