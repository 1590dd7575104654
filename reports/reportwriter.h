// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reportdata.h"
#include "reportrenderer.h"

#include <atomic>

namespace capaudit::reports {

struct ReportResult {
    QString path; // the PDF
    QString manifestPath; // PATH.manifest.json
    QString signaturePath; // PATH.sig, empty without a signing key
    QString manifestDigest;
    QString pdfSha256;
    int pages = 0;
    qint64 bytes = 0;
    qint64 trailSeq = 0; // the "report-exported" entry
};

inline constexpr auto kTrailReportExported = "report-exported";

// Composes, renders and writes the report to options.outputPath (atomically: temporary file and rename), writes the
// manifest beside it, signs it when options.signKeyPath is set, and records "report-exported" in the case's trail.
// Call from any thread, with a CaseStore opened on that thread; rendering creates its QCustomPlot objects on the
// calling thread (needs a QApplication to exist). PROGRESS is called on the calling thread; raising CANCEL stops
// between steps and leaves no file behind.
Result<ReportResult> writeReport(CaseStore& store, const ReportOptions& options, const ProgressFn& progress = {},
    const std::atomic_bool* cancel = nullptr);

// The second half of writeReport(), for DATA composed elsewhere (composeReport() with the same OPTIONS): renders,
// signs, writes and records it in STORE's trail. The GUI composes on a worker thread and calls this on the GUI thread,
// the only one where Qt supports QCustomPlot (a QWidget).
Result<ReportResult> writeComposedReport(CaseStore& store, const ReportData& data, const ReportOptions& options,
    const ProgressFn& progress = {}, const std::atomic_bool* cancel = nullptr);

// A detached signature over BYTES with the PEM private key at KEYPATH: ECDSA (DER) and RSA (PKCS#1 v1.5) over
// SHA-256, so `openssl dgst -sha256 -verify` checks it; Ed25519 over the raw bytes (`openssl pkeyutl -verify -rawin`).
Result<QByteArray> signDetached(const QString& keyPath, QByteArrayView bytes);

} // namespace capaudit::reports
