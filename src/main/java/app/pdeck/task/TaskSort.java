package app.pdeck.task;

import app.pdeck.platform.problem.ApiException;
import com.mongodb.client.model.Sorts;
import java.util.Arrays;
import org.bson.conversions.Bson;

/** The orders {@code GET /tasks?sort=} accepts; {@code _id} breaks ties so pages never overlap. */
public enum TaskSort {
    PRIORITY_ASC("priority", Sorts.ascending("priority", "_id")),
    PRIORITY_DESC("-priority", Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("_id"))),
    DUE_DATE_ASC("dueDate", Sorts.ascending("dueDate", "_id")),
    DUE_DATE_DESC("-dueDate", Sorts.orderBy(Sorts.descending("dueDate"), Sorts.ascending("_id"))),
    CREATED_AT_ASC("createdAt", Sorts.ascending("createdAt", "_id")),
    CREATED_AT_DESC("-createdAt", Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")));

    private final String parameter;
    private final Bson order;

    TaskSort(String parameter, Bson order) {
        this.parameter = parameter;
        this.order = order;
    }

    public String parameter() {
        return parameter;
    }

    Bson order() {
        return order;
    }

    public static TaskSort fromParameter(String value) {
        if (value == null || value.isBlank()) {
            return PRIORITY_DESC;
        }
        return Arrays.stream(values()).filter(s -> s.parameter.equals(value)).findFirst()
                .orElseThrow(() -> ApiException.invalid("sort",
                        "must be one of priority, -priority, dueDate, -dueDate, createdAt, -createdAt"));
    }
}
