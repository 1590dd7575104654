// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/sinks.h"
#include "store/blobcodec.h"
#include "util/result.h"

#include <functional>
#include <vector>

namespace capaudit {

class BlobTee;

// Imports a bundle's telemetry payloads on worker threads: each worker reads, hashes and parses one file (through its
// BlobTee) and hands the samples over in batches; the calling thread, which owns the SQLite connection, stores the
// files' chunks and feeds the samples to TARGET (rows digest, sample blocks, rollups, node-hour aggregates). Each
// chunk is compressed by whichever side has time: a native CSV's samples keep the storing thread busy, an exporter's
// text keeps the parser busy (docs/performance.md). Parsing then overlaps with storing instead of adding to it.
//
// Two payloads are parsed at once, so the next file is read and parsed while the samples of the one before are still
// being stored. TARGET still sees every payload's samples whole and in payload order, exactly as one parser after the
// other would give them: a worker whose turn has not come holds a bounded number of batches and then waits. The
// hand-over queue and the held batches are bounded, so memory stays flat whatever the file sizes.
struct SamplePipeline {
    using Parse = std::function<Status(QIODevice& in, UsageSink& sink)>;
    using StoreChunk = std::function<Status(qint64 blob, qint64 chunk, const blobcodec::StoredChunk& stored)>;
    using Progress = std::function<void(qint64 bytesRead)>; // of the payload whose samples are being stored

    struct Job {
        // Not started: run() starts each on the calling thread just before its worker, so a bundle of many payloads
        // holds two files open, not all of them.
        BlobTee* tee = nullptr;
        Parse parse;
    };
    // On the calling thread: BEGIN before the first sample of job I reaches TARGET, END after its last, with its blob
    // id.
    using Begin = std::function<void(qsizetype job)>;
    using End = std::function<Status(qsizetype job, qint64 blob)>;
    static constexpr int kParsers = 2;

    // Runs each job's PARSE over its tee and then tee.finish(). Returns the first error in job order, else END's; an
    // error on the calling thread (a failed insert, a cancel reported by TARGET or END) stops every worker promptly.
    static Status run(const std::vector<Job>& jobs, UsageSink& target, const StoreChunk& storeChunk,
        const Progress& progress, const Begin& begin, const End& end, int parsers = kParsers);

    // One payload (TEE not started): returns its blob id.
    static Result<qint64> run(
        BlobTee& tee, const Parse& parse, UsageSink& target, const StoreChunk& storeChunk, const Progress& progress);
};

} // namespace capaudit
