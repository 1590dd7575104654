// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QAbstractTableModel>

namespace capaudit {

// The bundles stored in a case, one row each, in import order.
class BundleModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        KindColumn,
        ProviderColumn,
        SignerColumn,
        FingerprintColumn,
        AlgorithmColumn,
        SigningTimeColumn,
        VerdictColumn,
        DigestColumn,
        ColumnCount
    };
    enum Roles {
        SortRole = Qt::UserRole, // numbers and times sort as such
        BundleIdRole,
        DigestRole,
        VerdictRole, // int(VerdictKind)
        KindRole, // int(BundleKind)
        FilterTextRole, // everything a search box should match
    };

    explicit BundleModel(QObject* parent = nullptr);

    void setBundles(const QList<StoredBundle>& bundles);
    const StoredBundle& bundle(int row) const
    {
        return m_bundles.at(row);
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString verdictText(VerdictKind verdict);
    static QString kindText(BundleKind kind);

private:
    QList<StoredBundle> m_bundles;
};

} // namespace capaudit
