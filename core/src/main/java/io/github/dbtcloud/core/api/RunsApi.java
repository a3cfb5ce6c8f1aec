package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/**
 * The v2 run routes (docs/wire-format.md#runs, docs/wire-format.md#artifacts): trigger a job, read
 * and cancel a run, and download its artifacts. Paths are relative and keep their trailing slash
 * (docs/wire-format.md#trailing-slash).
 */
interface RunsApi {

  @POST("api/v2/accounts/{account_id}/jobs/{job_id}/run/")
  Call<JsonNode> trigger(
      @Path("account_id") long accountId,
      @Path("job_id") long jobId,
      @Body Map<String, Object> body);

  @GET("api/v2/accounts/{account_id}/runs/{run_id}/")
  Call<JsonNode> get(
      @Path("account_id") long accountId,
      @Path("run_id") long runId,
      @Query("include_related") String includeRelated);

  @POST("api/v2/accounts/{account_id}/runs/{run_id}/cancel/")
  Call<JsonNode> cancel(@Path("account_id") long accountId, @Path("run_id") long runId);

  /** A raw artifact; {@code step} is 1-based, null for the run's last step. */
  @GET("api/v2/accounts/{account_id}/runs/{run_id}/artifacts/{path}")
  Call<JsonNode> artifact(
      @Path("account_id") long accountId,
      @Path("run_id") long runId,
      @Path(value = "path", encoded = true) String path,
      @Query("step") Integer step);
}
