/** Replays of the historic archive into a sandbox, and the report that compares models after a replay. */
package io.gridai.replay;
