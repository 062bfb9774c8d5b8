import { IsOptional, IsString, Length } from 'class-validator';

export class RevokeApiKeyRequestDto {
  /** Why, for whoever reads the key's record later (kept with the key, never logged). */
  @IsOptional() @IsString() @Length(1, 500) reason?: string;
}
