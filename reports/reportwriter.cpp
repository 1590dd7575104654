// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportwriter.h"

#include "crypto/digest.h"
#include "crypto/signature.h"
#include "reportcomposer.h"
#include "reportmanifest.h"
#include "reporttext.h"
#include "util/jsonutil.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSaveFile>

#include <memory>
#include <vector>

namespace capaudit::reports {

namespace {

// The PDF, its manifest and its signature are one report: all of them are written, or none is (a PDF without its
// manifest cannot be checked against its case). Each goes to a temporary sibling first, so a full disk or an
// unwritable name fails before any target is touched; only the renames remain, and a failed rename takes back the
// files already in place.
Status writeAllOrNothing(const QList<std::pair<QString, QByteArray>>& files)
{
    std::vector<std::unique_ptr<QSaveFile>> staged;
    for (const auto& [path, bytes] : files) {
        auto file = std::make_unique<QSaveFile>(path);
        if (!file->open(QIODevice::WriteOnly) || file->write(bytes) != bytes.size() || !file->flush())
            return Error(path, QStringLiteral("cannot write: %1").arg(file->errorString()));
        staged.push_back(std::move(file));
    }
    for (size_t i = 0; i < staged.size(); ++i) {
        if (!staged[i]->commit()) {
            const Error error(
                files[qsizetype(i)].first, QStringLiteral("cannot write: %1").arg(staged[i]->errorString()));
            for (size_t done = 0; done < i; ++done)
                QFile::remove(files[qsizetype(done)].first);
            return error;
        }
    }
    return {};
}

} // namespace

Result<QByteArray> signDetached(const QString& keyPath, QByteArrayView bytes)
{
    QFile file(keyPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error(keyPath, 0, QString(), QStringLiteral("cannot read the signing key: %1").arg(file.errorString()));
    Result<crypto::PrivateKey> key = crypto::PrivateKey::fromPem(file.readAll());
    if (!key)
        return Error(keyPath, 0, QString(), key.error().reason);
    crypto::SignatureParams params;
    if (key->type() != crypto::KeyType::Ed25519) {
        // What `openssl dgst -sha256 -sign/-verify` does by default: SHA-256, DER ECDSA, RSA PKCS#1 v1.5.
        params.hash = crypto::HashAlgorithm::Sha256;
        params.ecdsaEncoding = crypto::EcdsaEncoding::Der;
        params.rsaPadding = crypto::RsaPadding::Pkcs1v15;
    }
    Result<QByteArray> signature = crypto::sign(*key, bytes, params);
    if (!signature)
        return Error(keyPath, 0, QString(), signature.error().reason);
    return signature;
}

namespace {

Status checkOutput(const ReportOptions& options)
{
    if (options.outputPath.isEmpty())
        return Error(QString(), 0, QStringLiteral("out"), QStringLiteral("no output file named"));
    // Read the key first: a bad key should fail before minutes of work.
    if (!options.signKeyPath.isEmpty() && !QFileInfo(options.signKeyPath).isReadable())
        return Error(options.signKeyPath, QStringLiteral("cannot read the signing key"));
    return Status::success();
}

ProgressFn scaled(const ProgressFn& progress, double from, double to)
{
    if (!progress)
        return {};
    return [=](double f, const QString& m) { progress(from + (to - from) * f, m); };
}

} // namespace

Result<ReportResult> writeReport(
    CaseStore& store, const ReportOptions& options, const ProgressFn& progress, const std::atomic_bool* cancel)
{
    if (Status s = checkOutput(options); !s)
        return s.error();
    Result<ReportData> data = composeReport(store, options, scaled(progress, 0.0, 0.6), cancel);
    if (!data)
        return data.error();
    return writeComposedReport(store, *data, options, scaled(progress, 0.6, 1.0), cancel);
}

Result<ReportResult> writeComposedReport(CaseStore& store, const ReportData& data, const ReportOptions& options,
    const ProgressFn& progress, const std::atomic_bool* cancel)
{
    if (Status s = checkOutput(options); !s)
        return s.error();
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    Result<int> pages = writeReportPdf(data, options, &buffer, scaled(progress, 0.0, 0.875), cancel);
    buffer.close();
    if (!pages)
        return pages.error();
    if (pdf.isEmpty())
        return Error(options.outputPath, QStringLiteral("the PDF writer produced no output"));

    ReportResult out;
    out.pages = *pages;
    out.path = options.outputPath;
    out.manifestPath = options.outputPath + QStringLiteral(".manifest.json");
    out.manifestDigest = data.manifestDigest;
    out.pdfSha256 = crypto::sha256Hex(pdf);
    out.bytes = pdf.size();
    // The signature is made before anything is written, so a failing key leaves no unsigned report behind.
    QByteArray signature;
    if (!options.signKeyPath.isEmpty()) {
        Result<QByteArray> signed_ = signDetached(options.signKeyPath, pdf);
        if (!signed_)
            return signed_.error();
        signature = *signed_;
        out.signaturePath = options.outputPath + QStringLiteral(".sig");
    }
    QList<std::pair<QString, QByteArray>> files { { out.path, pdf }, { out.manifestPath, data.manifestJson.toUtf8() } };
    if (!out.signaturePath.isEmpty())
        files.append({ out.signaturePath, signature });
    if (Status s = writeAllOrNothing(files); !s)
        return s.error();
    QJsonArray sections;
    for (Section s : data.sections)
        sections.append(sectionKey(s));
    Result<TrailEntry> entry = store.appendTrail(QLatin1String(kTrailReportExported),
        { { QStringLiteral("file"), QFileInfo(out.path).fileName() },
            { QStringLiteral("manifestDigest"), out.manifestDigest }, { QStringLiteral("pdfSha256"), out.pdfSha256 },
            { QStringLiteral("pages"), out.pages }, { QStringLiteral("sections"), sections },
            { QStringLiteral("signed"), !out.signaturePath.isEmpty() },
            { QStringLiteral("language"), options.language }, { QStringLiteral("pdfa"), options.pdfa } });
    if (!entry) {
        // A report the trail does not record is not one the case can account for: take the files back.
        for (const auto& file : files)
            QFile::remove(file.first);
        return entry.error();
    }
    out.trailSeq = entry->seq;
    if (progress)
        progress(1.0, ReportText::tr("Report written"));
    return out;
}

} // namespace capaudit::reports
