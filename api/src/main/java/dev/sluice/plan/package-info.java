/**
 * What a job would run, as values: the stages the planner cuts a dataset's lineage into, the
 * operators each stage pipelines, and the shuffles between stages. {@link dev.sluice.Dataset#executionPlan()}
 * returns one; tools render it as text ({@link dev.sluice.plan.ExecutionPlan#toText()}) or as a picture.
 */
package dev.sluice.plan;
