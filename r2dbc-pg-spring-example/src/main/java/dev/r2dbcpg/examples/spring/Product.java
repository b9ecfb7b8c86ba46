package dev.r2dbcpg.examples.spring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code product}: a generated key, an enum column, a {@code text[]} column, and a version for
 * optimistic locking.
 */
@Table("product")
public class Product {

    @Id
    private Long id;
    private String name;
    private Category category;
    private BigDecimal price;
    private List<String> tags = new ArrayList<>();
    @Version
    private Long version;

    /** An empty product, for Spring Data and Jackson. */
    public Product() {
    }

    /**
     * A new product, not yet saved.
     *
     * @param name its unique name
     * @param category its category
     * @param price its price
     * @param tags its tags, in order
     */
    public Product(String name, Category category, BigDecimal price, List<String> tags) {
        this.name = name;
        this.category = category;
        this.price = price;
        this.tags = new ArrayList<>(tags);
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Category getCategory() {
        return category;
    }

    public void setCategory(Category category) {
        this.category = category;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
