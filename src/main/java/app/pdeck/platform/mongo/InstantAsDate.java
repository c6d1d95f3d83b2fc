package app.pdeck.platform.mongo;

import jakarta.nosql.AttributeConverter;
import java.time.Instant;
import java.util.Date;

/**
 * Stores {@link Instant} fields as BSON dates. JNoSQL would write them as ISO strings, which date operators in
 * aggregations, TTL indexes and range queries on the driver side cannot use.
 */
public class InstantAsDate implements AttributeConverter<Instant, Date> {

    @Override
    public Date convertToDatabaseColumn(Instant attribute) {
        return attribute == null ? null : Date.from(attribute);
    }

    @Override
    public Instant convertToEntityAttribute(Date dbData) {
        return dbData == null ? null : dbData.toInstant();
    }
}
