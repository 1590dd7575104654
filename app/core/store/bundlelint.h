// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"
#include "ingest/dataquality.h"
#include "util/result.h"

#include <QIODevice>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace capaudit {

// Every problem of a payload file or a bundle in one pass, before it is signed or imported (`capaudit-cli lint`,
// the GUI's import summary). ERRORS are what stops an import (verification, predicate, a payload that cannot be read
// as its format at all); QUALITY holds the FOCUS rows and header facts an import would quarantine or note.
struct LintReport {
    QString path;
    QList<Error> errors;
    QStringList notes; // facts that are not problems (a pinned-key signature lint cannot check)
    DataQualityLog quality { 5 };
    qint64 rows = 0; // records read (samples or FOCUS rows)
    bool hasErrors() const
    {
        return !errors.isEmpty() || quality.hasQuarantine();
    }
    QStringList lines() const; // one problem per line, errors first
    QJsonObject toJson() const;
};

struct LintOptions {
    QString format; // empty: from the file (FOCUS header, .csv, .json, .txt/.prom, .om)
    QString focusVersion; // focus-csv only
    QString profile; // metric formats only; empty: syntax only
};

LintReport lintPayloadFile(const QString& path, const LintOptions& options = {});
// A bundle: verified with no trust anchors (an unknown signer is not a problem here, a broken signature or digest
// is), its predicate parsed by the importer's own parser, then every payload linted as the predicate describes it.
LintReport lintBundle(const QString& path);
// The predicate of a bundle about to be signed (or just read): parsed by the importer's own parser for KIND, then
// every payload it names linted, streamed from OPEN (bundle path -> an open device; an Error when the bundle has no
// such file), so a payload of any size is linted in constant memory.
using PayloadOpener = std::function<Result<std::unique_ptr<QIODevice>>(const QString& bundlePath)>;
LintReport lintStatement(BundleKind kind, const QJsonObject& predicate, const PayloadOpener& open);
// True when PATH looks like a bundle (a directory or an archive holding statement.dsse.json).
bool looksLikeBundle(const QString& path);

} // namespace capaudit
