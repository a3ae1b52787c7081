/**
 * The Quartz scheduler behind the core scheduler port: cron triggers, misfire handling, and the
 * clustered JDBC store on PostgreSQL.
 */
package dev.cutover.quartz;
