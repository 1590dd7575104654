// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/truststore.h"
#include "util/result.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace capaudit {

// Asks for the label, role, scope (the providers it may speak for), keyless identity (root certificates) and (for log
// keys) origin of an anchor file the auditor picked.
class AddAnchorDialog : public QDialog {
    Q_OBJECT
public:
    explicit AddAnchorDialog(const QString& filePath, QWidget* parent = nullptr);

    QString label() const;
    QString role() const;
    QString origin() const;
    QStringList providers() const; // one per line, blank lines ignored
    SignerIdentity identity() const;
    void setProviders(const QStringList& providers);
    // Reads the file with the entered label/role; the error names the file and the cause.
    Result<TrustAnchor> anchor() const;

private:
    QString m_path;
    QLineEdit* m_label;
    QComboBox* m_role;
    QLineEdit* m_origin;
    QPlainTextEdit* m_providers;
    QLineEdit* m_san;
    QLineEdit* m_issuer;
};

} // namespace capaudit
