/** The one place that builds Spark sessions for unwind's jobs. */
package io.unwind.jobs.spark;
