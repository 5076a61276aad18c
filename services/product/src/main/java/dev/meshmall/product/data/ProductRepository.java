package dev.meshmall.product.data;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.db.Rows;
import dev.meshmall.platform.db.Transactions;
import dev.meshmall.product.biz.CatalogStore;
import dev.meshmall.product.biz.Category;
import dev.meshmall.product.biz.Money;
import dev.meshmall.platform.page.Page;
import dev.meshmall.product.biz.Product;
import dev.meshmall.product.biz.ProductChange;
import dev.meshmall.product.biz.ProductDraft;
import dev.meshmall.product.biz.ProductQuery;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatement;
import io.helidon.dbclient.DbTransaction;

/** {@code catalog.products}, {@code catalog.categories} and the links between them. */
public final class ProductRepository implements CatalogStore {
    private final DbClient db;

    public ProductRepository(DbClient db) {
        this.db = db;
    }

    /** Each combination of filters has its own statement, so each gets the plan of its own index. */
    @Override
    public Page<Product> find(ProductQuery query) {
        String suffix = query.category().isPresent() ? "-in-category" : "";
        String list = (query.words().isPresent() ? "search-products" : "list-products") + suffix;
        String count = (query.words().isPresent() ? "count-search" : "count-products") + suffix;
        long total = filtered(db.execute().createNamedGet(count), query).execute()
                .map(row -> Rows.number(row, "total")).orElse(0L);
        List<Product> items = total <= query.page().offset() ? List.of()
                : Rows.all(filtered(db.execute().createNamedQuery(list), query)
                        .addParam("limit", query.page().size())
                        .addParam("offset", query.page().offset()), ProductRepository::product);
        return new Page<>(items, query.page().page(), query.page().size(), total);
    }

    @Override
    public Optional<Product> find(UUID id) {
        return find(db.execute(), id);
    }

    @Override
    public List<Product> findAll(Collection<UUID> ids) {
        return Rows.all(db.execute().createNamedQuery("products").addParam("ids", SqlArrays.of(ids)),
                ProductRepository::product);
    }

    @Override
    public List<Category> categoriesInUse() {
        return Rows.all(db.execute().createNamedQuery("categories-in-use"),
                row -> new Category(Rows.text(row, "slug"), Rows.text(row, "name")));
    }

    @Override
    public Product create(ProductDraft draft) {
        return Transactions.inTransaction(db, tx -> {
            String slugs = SqlArrays.of(draft.categories());
            tx.createNamedInsert("ensure-categories").addParam("slugs", slugs).execute();
            UUID id = tx.createNamedGet("insert-product")
                    .addParam("name", draft.name())
                    .addParam("description", draft.description())
                    .addParam("picture_url", draft.pictureUrl())
                    .addParam("price_amount", draft.price().amount())
                    .addParam("currency", draft.price().currency())
                    .addParam("stock", draft.stock())
                    .execute()
                    .map(row -> Rows.uuid(row, "id"))
                    .orElseThrow();
            linkCategories(tx, id, slugs);
            return find(tx, id).orElseThrow();
        });
    }

    @Override
    public Optional<Product> update(UUID id, ProductChange change) {
        return Transactions.inTransaction(db, tx -> {
            Optional<UUID> updated = fields(tx.createNamedGet("update-product"), change)
                    .addParam("id", id)
                    .execute()
                    .map(row -> Rows.uuid(row, "id"));
            if (updated.isEmpty()) {
                return Optional.empty();
            }
            change.categories().ifPresent(categories -> {
                String slugs = SqlArrays.of(categories);
                tx.createNamedInsert("ensure-categories").addParam("slugs", slugs).execute();
                tx.createNamedDelete("unlink-other-categories").addParam("id", id).addParam("slugs", slugs).execute();
                linkCategories(tx, id, slugs);
            });
            return find(tx, id);
        });
    }

    @Override
    public boolean delete(UUID id) {
        return db.execute().createNamedGet("delete-product").addParam("id", id).execute().isPresent();
    }

    private static void linkCategories(DbTransaction tx, UUID id, String slugs) {
        tx.createNamedInsert("link-categories").addParam("id", id).addParam("slugs", slugs).execute();
        tx.createNamedUpdate("copy-categories").addParam("id", id).execute();
    }

    private static Optional<Product> find(DbExecute exec, UUID id) {
        return exec.createNamedGet("product").addParam("id", id).execute().map(ProductRepository::product);
    }

    private static <S extends DbStatement<S>> S filtered(S statement, ProductQuery query) {
        query.words().ifPresent(words -> statement.addParam("query", words));
        query.category().ifPresent(category -> statement.addParam("category", category));
        return statement;
    }

    private static <S extends DbStatement<S>> S fields(S statement, ProductChange change) {
        return statement
                .addParam("set_name", change.name().isPresent())
                .addParam("name", change.name().orElse(""))
                .addParam("set_description", change.description().isPresent())
                .addParam("description", change.description().orElse(""))
                .addParam("set_picture_url", change.pictureUrl().isPresent())
                .addParam("picture_url", change.pictureUrl().orElse(""))
                .addParam("set_price", change.price().isPresent())
                .addParam("price_amount", change.price().map(Money::amount).orElse(0L))
                .addParam("currency", change.price().map(Money::currency).orElse("XXX"))
                .addParam("set_stock", change.stock().isPresent())
                .addParam("stock", change.stock().orElse(0));
    }

    private static Product product(DbRow row) {
        return new Product(Rows.uuid(row, "id"), Rows.text(row, "name"), Rows.text(row, "description"),
                Rows.text(row, "picture_url"),
                new Money(Rows.number(row, "price_amount"), Rows.text(row, "currency")),
                Rows.list(row, "categories"), Rows.integer(row, "stock"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }
}
