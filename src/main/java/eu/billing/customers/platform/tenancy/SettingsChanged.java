package eu.billing.customers.platform.tenancy;

import java.util.Set;

import eu.billing.customers.platform.tenancy.SettingsChange.Setting;

/**
 * Fired inside the transaction of a settings change: features that derive something from the
 * settings (the tax treatment of every customer) observe it.
 */
public record SettingsChanged(Organization organization, Set<Setting> changed) {
}
