/**
 * The security review of science agents' proposals (issue 10), as a plain-Java library the agent gateway service
 * calls: {@link io.gridai.gateway.review.ProposalReview#review} runs, in order, the limits, policy (CEL), study (AC power
 * flow and N-1 with OpenLoadFlow), conflicts and risk steps, records each, and returns a
 * {@link io.gridai.gateway.review.ReviewReport} whose verdict is {@code REJECTED}, {@code AUTO_APPROVE} or
 * {@code NEEDS_HUMAN}. The study alone (for the MCP {@code study} tool) is {@link io.gridai.gateway.review.study.StudyGrid}.
 */
package io.gridai.gateway.review;
