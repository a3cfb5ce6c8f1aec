package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.DELETE;
import retrofit2.http.GET;
import retrofit2.http.Headers;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.QueryMap;
import retrofit2.http.Url;

/**
 * The Admin API as Retrofit calls: generic over the path, which the resource kinds own (v3 for
 * projects, environments and environment variables, v2 for jobs, which v3 lacks). Paths are
 * relative and keep their trailing slash (docs/wire-format.md#trailing-slash). A POST is a create,
 * sent once, unless it carries {@link Idempotency#RETRYABLE} (a full-object update).
 */
interface AdminApi {

  @GET
  Call<JsonNode> get(@Url String path, @QueryMap Map<String, String> query);

  @POST
  Call<JsonNode> create(@Url String path, @Body Map<String, Object> body);

  @POST
  @Headers(Idempotency.RETRYABLE)
  Call<JsonNode> update(@Url String path, @Body Map<String, Object> body);

  @PUT
  Call<JsonNode> replace(@Url String path, @Body Map<String, Object> body);

  @DELETE
  Call<JsonNode> delete(@Url String path);
}
