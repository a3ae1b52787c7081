/**
 * Adapters over Redis (Jedis): the approval store, audit stream, job lock with fencing tokens, fire
 * claims, job history and alert state, each state change one Lua script.
 */
package dev.cutover.redis;
