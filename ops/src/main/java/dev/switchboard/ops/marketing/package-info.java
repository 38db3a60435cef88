/**
 * Marketing: channels, campaigns (推广方案) and their retrospectives, leads with their status history,
 * duplicate merging, intent grading, the funnel and channel ranking, the trial sign-up, competitors
 * and the content library.
 */
package dev.switchboard.ops.marketing;
