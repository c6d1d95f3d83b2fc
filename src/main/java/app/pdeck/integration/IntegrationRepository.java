package app.pdeck.integration;

import jakarta.data.repository.CrudRepository;
import jakarta.data.repository.Repository;
import java.util.List;
import java.util.Optional;

@Repository
public interface IntegrationRepository extends CrudRepository<Integration, String> {

    Optional<Integration> findByIdAndUserId(String id, String userId);

    List<Integration> findByUserId(String userId);
}
